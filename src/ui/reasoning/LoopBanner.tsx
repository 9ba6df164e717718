/** One warning row shown while the model's thinking repeats itself (R1 thinking loops). */
import { loopBannerRow } from './loopBannerView.js';
import { RowsView } from '../common/RowsView.js';
import { useKeyTable } from '../keys/keyTableContext.js';

export interface LoopBannerProps {
  /** The repeated text (untrusted model text; sanitized here). */
  evidence: string;
  width: number;
}

export function LoopBanner({ evidence, width }: LoopBannerProps) {
  return <RowsView rows={[loopBannerRow(evidence, width, useKeyTable().bindings)]} width={width} />;
}
