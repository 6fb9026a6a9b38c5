import { type ErrorCode, messageFor } from '../shared/errors.js';

/** The one error type services throw; the error handler turns it into `{error:{code,message,details}}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? messageFor(code));
    this.name = 'AppError';
  }
}

export const notFound = (code: ErrorCode, message?: string) => new AppError(code, 404, message);
export const forbidden = (message?: string) => new AppError('auth.forbidden', 403, message);
export const conflict = (code: ErrorCode, message?: string, details?: unknown) =>
  new AppError(code, 409, message, details);
export const badRequest = (code: ErrorCode, message?: string, details?: unknown) =>
  new AppError(code, 400, message, details);
