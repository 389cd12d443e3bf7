/**
 * What the user reads when something failed: a storage failure (by its name, however it was wrapped) as a sentence in
 * their language that says what to do, anything else as its message. Every place that shows a caught error's text
 * goes through here, so no bare "QuotaExceededError" reaches the page.
 */
import { storageFailure, type StorageFailure } from '../db/storage-errors';
import type { MessageKey } from '../i18n';
import { t } from './locale.svelte';
import { formatBytes } from '../lib/format';

const SENTENCES: Record<StorageFailure, MessageKey> = {
  quota: 'storage.quota',
  version: 'storage.version',
  closed: 'storage.closed',
  'invalid-state': 'storage.invalidState',
  unknown: 'storage.unknown',
};

export function storageSentence(failure: StorageFailure): string {
  return t(SENTENCES[failure]);
}

export function errorText(err: unknown): string {
  const failure = storageFailure(err);
  if (failure) return storageSentence(failure);
  return err instanceof Error ? err.message : String(err);
}

/** A storage failure during an import: a full disk says what the file needed and what the browser allows, when known. */
export function importStorageSentence(problem: { failure: StorageFailure; needed: number | null; quota: number | null; usage: number | null }, intl: string): string {
  if (problem.failure !== 'quota' || problem.needed === null) return storageSentence(problem.failure);
  const needed = formatBytes(problem.needed, intl);
  // The estimate is not always the limit that stopped the save (Chromium's quota for a site is shared with others):
  // the browser's figures are given only when they show the file did not fit.
  const room = problem.quota === null ? null : problem.quota - (problem.usage ?? 0);
  if (room === null || room >= problem.needed) return t('storage.quotaImportUnknown', { needed });
  return t('storage.quotaImport', { needed, quota: formatBytes(problem.quota!, intl), used: formatBytes(problem.usage ?? 0, intl) });
}
