/** Media limits (DESIGN §3): the server enforces them, the client checks them before uploading. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS_PER_QUESTION = 10;
export const MAX_PHOTOS_PER_AUDIT = 100;
/** Pixel-flood guard: images larger than this are refused before decoding. */
export const MAX_PHOTO_PIXELS = 50_000_000;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIME_TYPES)[number];

export const MAX_COMMENT_LENGTH = 4000;
export const MAX_TEXT_ANSWER_LENGTH = 4000;
export const MAX_CAPTION_LENGTH = 300;
export const MAX_ADMIN_NOTES_LENGTH = 4000;
