export { checkedMarginPercent, type DatasetEntry, type DatasetSettings } from './entry';
