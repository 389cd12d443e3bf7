/**
 * NPS domain: survey answers attached to a dataset (stored with it; a new file replaces the old), and NPS joined to
 * the customers' value, with the open forecast's predictions when there is one.
 */
import { ImportError } from '../src/core/import';
import type { CustomerValues, NpsMapping, NpsReport, NpsView } from '../src/core/nps';
import type { NpsRecord } from '../src/db/schema';
import { dayToIso } from '../src/core/figures/dates';
import { tableDayRange } from '../src/core/figures';
import type { Notice } from '../src/core/types';
import { notice } from '../src/core/notice';
import type { WorkerContext } from './context';
import { customerCountOf } from '../src/core/customer-ids';

/** The survey code: a chunk of its own, loaded when a dataset has answers attached (the worker is near its budget). */
export const npsCode = () => import('../src/core/nps');

/** Survey files are small; a larger one is refused before it is read into memory. */
const MAX_NPS_BYTES = 50 << 20;

/** NPS of the answers attached to a dataset, joined to its customers; null when none are attached. */
export async function npsOf(context: WorkerContext, datasetId: number): Promise<{ report: NpsReport; values: CustomerValues; record: NpsRecord; predicted: boolean } | null> {
  const record = await context.db.nps.get(datasetId);
  if (!record) return null;
  const table = await context.tables.table(datasetId);
  const predictions = context.forecasts.peek(datasetId)?.byCode(customerCountOf(table)) ?? null;
  const { customerValues, npsReport } = await npsCode();
  const values = customerValues(table, tableDayRange(table)?.max ?? 0, predictions);
  return { report: npsReport(record.answers, values), values, record, predicted: predictions !== null };
}

export function npsApi(context: WorkerContext) {
  const { db, tables } = context;
  return {
    /** Read a survey file and keep its answers with the dataset; the answer says what was read and what was not. */
    async attachNps(datasetId: number, file: File, fileName: string, mapping: Partial<NpsMapping> | null = null): Promise<{ ok: true } | { ok: false; problem: Notice }> {
      if (file.size > MAX_NPS_BYTES) return { ok: false, problem: notice('nps-too-large', `This survey file is ${Math.round(file.size / (1 << 20))} MB; survey files up to 50 MB can be read.`, { size: Math.round(file.size / (1 << 20)) }) };
      try {
        const { readNpsFile } = await npsCode();
        const read = readNpsFile(new Uint8Array(await file.arrayBuffer()), fileName, mapping ?? undefined);
        await db.nps.put({ datasetId, fileName, attachedAt: Date.now(), mapping: read.mapping, header: read.header, rowsRead: read.rowsRead, rejected: read.rejected, answers: read.answers });
        return { ok: true };
      } catch (err) {
        if (err instanceof ImportError) return { ok: false, problem: notice(err.code, err.message) };
        throw err;
      }
    },

    async detachNps(datasetId: number): Promise<void> {
      await db.nps.delete(datasetId);
    },

    /** NPS of the attached answers joined to the dataset's customers; null when no survey is attached. */
    async nps(datasetId: number): Promise<NpsView | null> {
      const found = await npsOf(context, datasetId);
      if (!found) return null;
      const { report, values, record, predicted } = found;
      const table = await tables.table(datasetId);
      const { detractorsToCall } = await npsCode();
      const toCall = detractorsToCall(report, values).slice(0, 200).map((d) => ({ id: table.customerIds[d.customer], score: d.score, date: dayToIso(d.day), comment: d.comment, value: d.value }));
      const { latest: _latest, ...rest } = report;
      return { ...rest, fileName: record.fileName, attachedAt: record.attachedAt, mapping: record.mapping, header: record.header, rowsRead: record.rowsRead, rejected: record.rejected, toCall, predicted };
    },
  };
}
