import type { RulePackInput } from '../../config/food-safety';
import { companyStandardPack } from './company-standard';
import { usFdaFoodCode2022Pack } from './us-fda-food-code-2022';

/** The packs every box carries, as written; shared/config/food-safety.ts validates them. */
export const BUILTIN_PACK_SOURCES: readonly RulePackInput[] = [companyStandardPack, usFdaFoodCode2022Pack];
