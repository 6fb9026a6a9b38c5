/** Admin area shell (domains keep their own strings in their files; the dashboard's are in reports). */
export const admin = {};
