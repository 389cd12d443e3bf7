/**
 * Which columns of a survey export hold the customer, the score, the date and the comment. Survey tools name them in
 * many ways ("How likely are you to recommend us?", "Điểm", "คะแนน"); the header decides where it can, and the values
 * otherwise (the score is the column of whole numbers 0–10, the date the column of dates).
 */
import { foldName, nameScore } from '../import/header-names';
import { profileColumn } from '../import/detect-columns';
import type { SniffResult } from '../import/sniff';

export interface NpsMapping {
  customer: number | null;
  score: number | null;
  date: number | null;
  comment: number | null;
}

const SCORE_WORDS = ['nps', 'score', 'rating', 'recommend', 'likely', 'diem', 'danhgia', 'muc', 'คะแนน', 'แนะนำ'];
const COMMENT_WORDS = ['comment', 'feedback', 'reason', 'why', 'note', 'remark', 'nhanxet', 'ykien', 'gopy', 'lydo', 'ความคิดเห็น', 'เหตุผล', 'ข้อเสนอแนะ'];

const hasWord = (name: string, words: string[]) => words.some((w) => foldName(name).includes(w));

/** A column whose sampled values are nearly all whole numbers from 0 to 10 (a stray 11 is a bad row, not a hint). */
function scoreLike(rows: string[][], col: number): boolean {
  let seen = 0, scores = 0;
  for (const row of rows) {
    const v = (row[col] ?? '').trim();
    if (!v) continue;
    seen++;
    if (/^(10|[0-9])([.,]0+)?$/.test(v)) scores++;
  }
  return seen > 0 && scores >= 0.8 * seen;
}

export function guessNpsMapping(guess: SniffResult): NpsMapping {
  const { header, preview, hasHeader } = guess;
  const width = header.length;
  const taken = new Set<number>();
  const pick = (test: (col: number) => boolean): number | null => {
    for (let c = 0; c < width; c++) if (!taken.has(c) && test(c)) return taken.add(c), c;
    return null;
  };
  const named = (words: string[]) => (c: number) => hasHeader && hasWord(header[c], words);
  const score = pick((c) => named(SCORE_WORDS)(c) && scoreLike(preview, c)) ?? pick((c) => scoreLike(preview, c));
  const date = pick((c) => hasHeader && nameScore(header[c], 'date') > 0 && profileColumn(preview, c).kind === 'date') ?? pick((c) => profileColumn(preview, c).kind === 'date');
  const customer = pick((c) => hasHeader && nameScore(header[c], 'customer') > 0) ?? pick((c) => profileColumn(preview, c).kind === 'id');
  const comment = pick(named(COMMENT_WORDS)) ?? pick((c) => profileColumn(preview, c).hasSpaces);
  return { customer, score, date, comment };
}
