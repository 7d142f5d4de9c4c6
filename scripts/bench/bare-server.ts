/** The baseline for bench:ingest: express parsing the same form and answering 200, storing nothing. */
import express from 'express';

const app = express();
app.post('/webhooks/africastalking/sms', express.urlencoded({ extended: false, limit: '64kb' }), (req, res) => {
  res.status(200).type('text/plain').send(req.body?.from ? 'ok' : 'missing from');
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server listening'));
