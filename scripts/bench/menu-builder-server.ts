/** The baseline for bench:ussd: the five-screen menu on ussd-menu-builder, in its own process. */
import { createMenuBuilderApp } from './ussd-five-screens';

const app = createMenuBuilderApp();
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
