// Passwords of policy length that appear at the top of public breach lists, plus local favourites
// (keyboard walks on the Russian layout, the company's own name). Compared lower-cased.
const LIST = `
qwertyuiop qwertyuiop1 qwertyuiop123 qwerty1234 qwerty12345 qwerty123456 qwerty1234567 password12
password123 password1234 password12345 passw0rd12 passw0rd123 p@ssw0rd123 p@ssword123 1q2w3e4r5t
1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc 1qazxsw23edc zaq12wsxcde zaq1zaq1zaq1 zxcvbnm123 asdfghjkl1
asdfghjkl123 asdfghjkl; qazwsxedcrfv qazwsxedc123 abc1234567 abcd123456 abcdefghij a1b2c3d4e5
iloveyou12 iloveyou123 administrator admin12345 admin123456 adminadmin 1234qwerasdf 12345qwert
12345qwerty 123456qwerty 123qweasdzxc 1234567890q q1w2e3r4t5 q1w2e3r4t5y6 trustno1234 letmein123
welcome123 welcome1234 sunshine123 football123 baseball123 princess123 dragon1234 monkey1234
superman123 batman12345 starwars123 master1234 michael123 jennifer123 changeme123 default123
computer123 internet123 whatever123 1234554321 0987654321 1122334455 1234512345 9876543210
йцукенгшщз йцукенгшщзхъ фывапролдж ячсмитьбю 1й2ц3у4к5е пароль1234 пароль12345 пароль123456
пароль2024 пароль2025 пароль2026 password2024 password2025 password2026 qwerty2024 qwerty2025
qwerty2026 lift123456 lift12345678 elevator123 elevator12345 souzlift123 souzlift2026 souzlift1
soyuzlift123 auditor123 auditor12345 auditor2026 привет12345 любовь12345 наташа1234 москва1234
moskva12345 russia1234 rossiya123 spartak1234 zenit12345 dinamo1234 temppassword temp123456
newpassword newpassword1 secret1234 secret12345 testtest12 test123456 test1234567 asdasdasd1
qweqweqwe1 qweasdzxc1 1qaz2wsx3e 1qaz!qaz1qaz 1q2w3e4r5t! !qaz2wsx3edc
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
