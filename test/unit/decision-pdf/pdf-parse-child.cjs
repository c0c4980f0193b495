// Runs pdf-parse (v2) in a plain Node process for the tests: its pdf.js worker is an ES module,
// which Jest's CommonJS module system cannot load without --experimental-vm-modules.
// stdin: JSON array of base64 PDFs; stdout: JSON array of { text, pages, info }.
'use strict';
const { PDFParse } = require('pdf-parse');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const results = [];
  for (const base64 of JSON.parse(input)) {
    const parser = new PDFParse({ data: new Uint8Array(Buffer.from(base64, 'base64')) });
    try {
      const text = await parser.getText();
      const info = await parser.getInfo();
      results.push({ text: text.text, pages: text.pages.map((page) => page.text), info: info.info ?? {} });
    } finally {
      await parser.destroy();
    }
  }
  process.stdout.write(JSON.stringify(results));
});
