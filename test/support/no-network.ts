import nock from 'nock';

// Tests reach nothing but loopback; provider SDK calls must be intercepted with nock.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\]|::1)(:\d+)?$/.test(host));

// Each test file loads its own copy of nock into the shared worker process: unhook this copy when
// the file is done, or it would keep answering (and refusing) requests meant for the next file's copy.
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
