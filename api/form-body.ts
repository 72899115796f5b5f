// The client pages' form posts, decoded as browsers and the WHATWG URL standard decode them: bytes
// that are not UTF-8 (no browser sends them, a hostile client may) become U+FFFD instead of being
// kept as literal "%ED%A0%80" text, which the qs-based parser does. The last of a repeated field wins.
import express, { type RequestHandler } from 'express';

export function formBody(): RequestHandler[] {
  return [
    express.text({ type: 'application/x-www-form-urlencoded', limit: '16kb' }),
    (req, _res, next) => {
      if (req.is('application/x-www-form-urlencoded') && typeof req.body === 'string') req.body = Object.fromEntries(new URLSearchParams(req.body));
      next();
    },
  ];
}
