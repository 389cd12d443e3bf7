/** The page's handle on the on-device database (the worker opens its own). */
import { ClvDatabase } from '../db/schema';

export const db = new ClvDatabase();
