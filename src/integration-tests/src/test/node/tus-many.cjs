// Uploads many files at once with tus-js-client; every third one is aborted after its first chunk and resumed
// by a new Upload from the first one's URL. Prints one JSON line: [{file, url, videoId, interrupted}].
// usage: node tus-many.cjs <endpoint> <bearer token> <file>...
const fs = require('fs');
const path = require('path');
const tus = require('tus-js-client');

const [endpoint, token, ...files] = process.argv.slice(2);
const headers = { Authorization: 'Bearer ' + token };

function leg(data, options) {
  return new Promise((resolve, reject) => {
    let videoId = null;
    const upload = new tus.Upload(data, {
      headers, chunkSize: 128 * 1024, retryDelays: [0, 500, 1000, 2000], storeFingerprintForResuming: false,
      onAfterResponse: (req, res) => { const v = res.getHeader('X-Kinora-Video-Id'); if (v) videoId = v; },
      onError: reject,
      ...options(() => upload),
      onSuccess: () => resolve({ url: upload.url, videoId }),
    });
    upload.start();
  });
}

async function one(file, index) {
  const data = fs.readFileSync(file);
  const metadata = { filename: path.basename(file), title: 'concurrent ' + index, visibility: 'private' };
  const interrupted = index % 3 === 0;
  if (!interrupted) {
    const r = await leg(data, () => ({ endpoint, metadata }));
    return { file, interrupted, ...r };
  }
  const firstUrl = await new Promise((resolve, reject) => {
    const upload = new tus.Upload(data, {
      endpoint, headers, metadata, chunkSize: 128 * 1024, retryDelays: null, storeFingerprintForResuming: false,
      onChunkComplete: () => { upload.abort(); resolve(upload.url); },
      onError: reject,
      onSuccess: () => reject(new Error('finished before the abort')),
    });
    upload.start();
  });
  await new Promise((r) => setTimeout(r, 200));
  const r = await leg(data, () => ({ uploadUrl: firstUrl, metadata }));
  return { file, interrupted, firstUrl, ...r };
}

Promise.all(files.map(one))
  .then((results) => console.log(JSON.stringify(results)))
  .catch((e) => { console.error('tus failed: ' + (e && e.stack || e)); process.exit(1); });
