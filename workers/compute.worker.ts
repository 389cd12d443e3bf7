/**
 * The compute worker's script. By its name it is the compute worker the page starts, or one of the helpers that the
 * compute worker starts from this same script (see roles.ts): the fit worker, or the reader of a file's second half.
 */
import { expose } from 'comlink';
import { makeComputeApi } from './compute.api';
import { createContext } from './context';
import { keepNoticesOnThrownErrors } from './error-notices';
import { fitApi } from './fit.api';
import { importPartApi } from './import-part.api';

keepNoticesOnThrownErrors();
const role = (self as { name?: string }).name;
if (role === 'fit') expose(fitApi);
else if (role === 'import-part') expose(importPartApi);
else expose(makeComputeApi(createContext()));
