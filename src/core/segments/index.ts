/** RFM segments, their movement over time, and the lists of customers to act on. */
export { rfmInput, type RfmInput } from './rfm-input';
export { quintileScores, rfmScores, type RfmScores } from './scores';
export { DEFAULT_RULES, SEGMENTS, assignSegments, checkRules, unreachableRules, type ScoreRange, type SegmentId, type SegmentRule } from './rules';
export { joinPredictions, scoreSegments, segmentsReport, segmentMembers, type CustomerPredictionsByCode, type SegmentRow, type SegmentsReport } from './report';
export { segmentMovement, type SegmentMovement } from './movement';
export { DEFAULT_LIST_RULES, atRiskList, customerList, growList, winBackList, type CustomerList, type ListEntry, type ListKind, type ListRules } from './lists';
export { valueByOrigin, type OriginDimension, type OriginReport, type OriginRow } from './origin';
export type { CustomerListView, ListEntryView, SegmentsView } from './view';
export { segmentsForSnapshot } from './snapshot-part';
export { predictionsByCustomerCode } from './predictions-by-code';
export { customerContacts, type ContactField, type CustomerContacts } from './contacts';
