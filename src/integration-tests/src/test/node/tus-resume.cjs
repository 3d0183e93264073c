// Uploads a file with tus-js-client, aborts after the first chunk, then resumes with a new Upload object
// from the first one's URL, as a browser that lost its connection would. Prints one JSON line.
// usage: node tus-resume.cjs <endpoint> <bearer token> <file>
const fs = require('fs');
const path = require('path');
const tus = require('tus-js-client');

const [endpoint, token, file] = process.argv.slice(2);
const data = fs.readFileSync(file);
const headers = { Authorization: 'Bearer ' + token };
const metadata = { filename: path.basename(file), filetype: 'video/mp4', title: 'tus-js-client resume', visibility: 'private' };

function firstLeg() {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(data, {
      endpoint, headers, metadata, chunkSize: 64 * 1024, retryDelays: null, storeFingerprintForResuming: false,
      onChunkComplete: (size, sent) => { upload.abort(); resolve({ url: upload.url, sent }); },
      onError: reject,
      onSuccess: () => reject(new Error('finished before the abort')),
    });
    upload.start();
  });
}

function secondLeg(uploadUrl) {
  return new Promise((resolve, reject) => {
    let resumedAt = null;
    let videoId = null;
    const upload = new tus.Upload(data, {
      uploadUrl, headers, metadata, chunkSize: 256 * 1024, retryDelays: [0, 500, 1000],
      onAfterResponse: (req, res) => {
        if (req.getMethod() === 'HEAD' && resumedAt === null) resumedAt = Number(res.getHeader('Upload-Offset'));
        const v = res.getHeader('X-Kinora-Video-Id');
        if (v) videoId = v;
      },
      onError: reject,
      onSuccess: () => resolve({ resumedAt, videoId, url: upload.url }),
    });
    upload.start();
  });
}

(async () => {
  const first = await firstLeg();
  // let the aborted request settle server-side before resuming
  await new Promise((r) => setTimeout(r, 300));
  const second = await secondLeg(first.url);
  console.log(JSON.stringify({ firstUrl: first.url, firstSent: first.sent, size: data.length, ...second }));
})().catch((e) => { console.error('tus failed: ' + (e && e.stack || e)); process.exit(1); });
