import { expose } from 'comlink';
import { computeApi } from './compute.api';
import { keepNoticesOnThrownErrors } from './error-notices';

keepNoticesOnThrownErrors();
expose(computeApi);
