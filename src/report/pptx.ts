/**
 * pptxgenjs, typed. Its typings declare an ES default export inside a CommonJS-typed package,
 * so under NodeNext TypeScript sees the class at `.default` while Node's ESM import hands
 * over the class itself. This resolves both to the class.
 */
import pptxgen from 'pptxgenjs';

type PptxClass = typeof pptxgen.default;
const loaded = pptxgen as unknown as PptxClass & { default?: PptxClass };
export const PptxGenJS: PptxClass = loaded.default ?? loaded;
export type Pptx = InstanceType<PptxClass>;
