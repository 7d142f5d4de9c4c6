import nock from 'nock';

// Tests reach nothing but loopback; provider SDK calls must be intercepted with nock.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\]|::1)(:\d+)?$/.test(host));
