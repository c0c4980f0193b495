import { writePain001, pain001Buffer } from '../src/payments/sepa/pain001';
function* gen(n: number) { for (let i = 0; i < n; i++) yield { endToEndId: `BR-000001-${i}`, amountCents: 100000 + i, creditorName: `Bench Zorg ${i} B.V.`, creditorIban: 'NL91ABNA0417164300', creditorBic: 'ABNANL2A', remittance: `Werkkans BR-000001 LKS-2025-${i} 2026-01` }; }
(async () => {
  let calls = 0, bytes = 0; let ticks = 0; const t = setInterval(() => ticks++, 10);
  const t0 = performance.now();
  const p = writePain001({ messageId: 'BR-000001', createdAt: new Date(), executionDate: '2026-02-15', debtor: { name: 'Gemeente', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' }, transfers: gen(100000), numberOfTransactions: 100000, controlSumCents: 1 }, (c) => { calls++; bytes += c.length; });
  console.log('returned after', (performance.now() - t0).toFixed(0), 'ms; calls so far', calls);
  await p; clearInterval(t);
  console.log('done', (performance.now() - t0).toFixed(0), 'ms calls', calls, 'bytes', bytes, 'ticks', ticks, 'rss', (process.memoryUsage().rss/1e6).toFixed(0));
})();
