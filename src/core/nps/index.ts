/** Survey answers (NPS) read from a file, and joined to the dataset's customers and their value. */
export { guessNpsMapping, type NpsMapping } from './columns';
export { readNpsFile, type NpsAnswer, type NpsFile } from './read-answers';
export { NPS_GROUPS, detractorsToCall, npsGroup, npsReport, npsScore, type CustomerValues, type NpsGroup, type NpsGroupFigures, type NpsReport, type NpsScore } from './nps';
export type { NpsView } from './view';
export { npsForSnapshot } from './snapshot-part';
export { customerValues } from './customer-values';
