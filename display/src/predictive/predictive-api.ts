import { PredictiveAssetList } from '../../../shared/predictive/predictive-asset-view';
import type { HourlyEvidenceFeature } from '../../../shared/predictive/predictive-evidence';

export { PredictiveAssetList };

/** The edge's predictive routes (permission `diagnostics.read`: a person's token). */
export const predictivePaths = {
  assets: '/api/predictive/assets',
  evidence: (equipmentId: string, feature?: HourlyEvidenceFeature, hours = 72) =>
    `/api/predictive/assets/${encodeURIComponent(equipmentId)}/evidence?hours=${hours}${
      feature ? `&feature=${feature}` : ''
    }`,
};
