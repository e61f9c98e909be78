import type { Request } from 'express';
import type { Locale } from '../domain/model.js';

/** Swedish first: English only when the caller prefers it over Swedish. */
export function localeOf(req: Request): Locale {
  const preferred = req.acceptsLanguages('sv', 'en');
  return preferred === 'en' ? 'en' : 'sv';
}
