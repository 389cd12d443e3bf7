/** Notes from the engine to the user: a stable code the UI translates, its values, and the English text. */
import type { Notice, NoticeVars } from './types';

export function notice(code: string, text: string, vars: NoticeVars = {}): Notice {
  return { code, text, vars };
}
