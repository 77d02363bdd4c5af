import type { BenchOptions, Section } from './table';

export async function measure(_options: BenchOptions): Promise<Section> {
  return { title: 'promotion', figures: [] };
}
