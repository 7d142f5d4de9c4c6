import express, { type RequestHandler } from 'express';
import { HttpError } from '../lib/errors';

/**
 * Providers post `application/x-www-form-urlencoded`. Anything else is refused with 415 before the
 * body is read; oversized bodies get 413 from the parser (mapped by the error middleware).
 */
export function formBody(limit: string): RequestHandler[] {
  const requireForm: RequestHandler = (req, _res, next) => {
    if (!req.is('application/x-www-form-urlencoded')) {
      next(new HttpError(415, 'unsupported_media_type', 'expected application/x-www-form-urlencoded'));
      return;
    }
    next();
  };
  return [requireForm, express.urlencoded({ extended: false, limit, parameterLimit: 200 })];
}
