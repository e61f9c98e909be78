import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';

describe('data survives a restart', () => {
  it('keeps writes, does not seed twice, and goes on numbering changes', async () => {
    const dir = tempDataDir();
    const first = await startTestServer({}, dir);
    const saved: any = await (
      await first.call('ciso', 'POST', '/api/control-points/9/status-updates', { text: 'DPIA-mall införd.' })
    ).json();
    const seq = await first.store.latestChangeSeq();
    await first.close();

    const second = await startServer(first.config);
    try {
      const res = await fetch(`${second.url}/api/control-points/9`, { headers: { 'X-Local-User': 'reader' } });
      const detail: any = await res.json();
      expect(detail.statusUpdates[0]).toMatchObject({ id: saved.id, text: 'DPIA-mall införd.' });
      expect(detail.statusUpdates).toHaveLength(2);
      expect(await second.store.latestChangeSeq()).toBe(seq);
    } finally {
      await second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
