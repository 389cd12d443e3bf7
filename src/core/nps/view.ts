/** What the NPS section shows, as plain data the worker sends. */
import type { RejectedGroup } from '../types';
import type { NpsMapping } from './columns';
import type { NpsReport } from './nps';

export interface NpsView extends Omit<NpsReport, 'latest'> {
  fileName: string;
  attachedAt: number;
  mapping: NpsMapping;
  header: string[];
  rowsRead: number;
  rejected: RejectedGroup[];
  /** Detractors worth calling first (at most 200), with their answer and the value at stake. */
  toCall: { id: string; score: number; date: string; comment: string | null; value: number }[];
  predicted: boolean;
}
