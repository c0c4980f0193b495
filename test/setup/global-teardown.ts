import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as any).__WERKKANS_TEST_PG__;
  if (!state) return;
  await state.running.stop();
  rmSync(state.dataDir, { recursive: true, force: true });
}
