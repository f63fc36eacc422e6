import { Buffer } from 'node:buffer';
import { describe, inject, it } from 'vitest';
import { HOST_METHODS, type HostApi, type HostMethod } from '../../core/host';
import { describeHostContract, type ContractHarness } from '../contract/host-contract';
import { openSession, type AppSession } from './chromium';

/** The HostApi contract against the browser host, running in Chromium. */

const ctx = inject('e2e');

// Node-side twin of the harness's encoding: Uint8Array <-> { __bytes: base64 }
function encode(v: unknown): unknown {
  if (v instanceof Uint8Array) return { __bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}
function decode(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && '__bytes' in v) return new Uint8Array(Buffer.from((v as { __bytes: string }).__bytes, 'base64'));
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  return v;
}

type HarnessWindow = Window & {
  __contract: { reset(): void; answer(a: unknown): void; call(m: HostMethod, r: unknown): Promise<unknown> };
};

async function webHarness(): Promise<ContractHarness> {
  if (!ctx.available) throw new Error(ctx.reason);
  const session: AppSession = await openSession(ctx.wsEndpoint, new URL(ctx.baseUrl).origin);
  const { page } = session;
  await page.goto(ctx.contractUrl);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => (window as unknown as HarnessWindow).__contract.reset());

  const downloads = new Map<string, Promise<Uint8Array>>();
  page.on('download', (d) => {
    downloads.set(
      d.suggestedFilename(),
      d.createReadStream().then(
        (stream) =>
          new Promise<Uint8Array>((res, rej) => {
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => res(new Uint8Array(Buffer.concat(chunks))));
            stream.on('error', rej);
          }),
      ),
    );
  });

  const host = Object.fromEntries(
    HOST_METHODS.map((m) => [
      m,
      async (request: unknown) => decode(await page.evaluate(([method, req]) => (window as unknown as HarnessWindow).__contract.call(method, req), [m, encode(request)] as const)),
    ]),
  ) as unknown as HostApi;

  const answer = (a: unknown) => page.evaluate((x) => (window as unknown as HarnessWindow).__contract.answer(x), a);

  return {
    host,
    user: {
      willSaveAs: (name) => answer({ kind: 'name', name }),
      willOpen: (path) => answer({ kind: 'open', path }),
      willCancel: () => answer({ kind: 'cancel' }),
      async willPickFile(file) {
        page.once('filechooser', (fc) => void fc.setFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) }));
      },
      async exported(path) {
        // the download event can trail the evaluate() that started it by a moment
        for (let i = 0; i < 100 && !downloads.has(path); i++) await new Promise((r) => setTimeout(r, 50));
        const d = downloads.get(path);
        if (!d) throw new Error(`no download named "${path}" (saw ${[...downloads.keys()].join(', ') || 'none'})`);
        return d;
      },
    },
    async dispose() {
      const outside = session.requests.filter((u) => !u.startsWith(new URL(ctx.available ? ctx.baseUrl : '').origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
      await session.close();
      if (outside.length) throw new Error(`the browser host made requests outside its origin: ${outside.join(', ')}`);
      if (session.problems.length) throw new Error(`the harness page reported problems:\n${session.problems.join('\n')}`);
    },
  };
}

if (ctx.available) {
  describeHostContract('browser host (renderer/host/web.ts) in Chromium', webHarness);
} else {
  describe.skip(`HostApi contract in Chromium (skipped: ${ctx.reason})`, () => {
    it('needs Chromium', () => undefined);
  });
}
