import { expose } from 'comlink';
import { importPartApi } from './import-part.api';

expose(importPartApi);
