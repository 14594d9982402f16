import type {
  ChainHeadEvent,
  ControlPointView,
  CoolingBatchView,
  CorrectiveActionView,
  DailyCompliance,
  ExcursionView,
  MinuteLog,
} from '../../../../shared/api/food-safety';
import type { CheckRecordView } from '../../../../shared/api/food-safety-checks';
import type { TimeBatchView } from '../../../../shared/api/food-safety-time';
import type { LocalizedText } from '../../../../shared/localized-text';

/** The restaurant the report is about, as its header names it. */
export interface ReportStore {
  id: string;
  name: LocalizedText;
  /** IANA zone: days, times and the chart's axis are the store's local ones. */
  timeZone: string;
}

/** Half-open [from, to) in epoch ms. */
export interface ReportRange {
  from: number;
  to: number;
}

/**
 * What the report reads, all of it already as the API shows it. The food-safety
 * service answers most of it as it is; the report never touches SQL, so it renders
 * the same from a test fixture as from the box.
 */
export interface FoodSafetyReportSource {
  store(): ReportStore;
  controlPoints(): ControlPointView[];
  /** The holding log of one store-local day (`YYYY-MM-DD`). */
  minuteLog(controlPointId: string, day: string): MinuteLog;
  compliance(controlPointId: string, day: string): DailyCompliance;
  /** Every excursion that overlaps the range (an open one included), in its latest version. */
  excursions(range: ReportRange): ExcursionView[];
  /** The latest version of every corrective action opened for those excursions, open or signed off. */
  correctiveActions(range: ReportRange): CorrectiveActionView[];
  /** Manual-check records of slots due in the range: values measured and slots missed. */
  checkRecords?(range: ReportRange): CheckRecordView[];
  /** The latest version of every batch held under time as the control during the range. */
  timeBatches?(range: ReportRange): TimeBatchView[];
  /** The latest version of every cooling batch started in the range. */
  coolingBatches?(range: ReportRange): CoolingBatchView[];
  /** One corrective action by id: a cooling stage's, a check's or a batch's, which no excursion leads to. */
  correctiveAction?(actionId: number): CorrectiveActionView | undefined;
  /** The newest record of the chain when the report is made: printed so a copy can be checked against the box. */
  chainHead(): ChainHeadEvent;
  /** A person's name for a user id (who signed); the id is printed when it has none. */
  personName?(userId: string): string | undefined;
}
