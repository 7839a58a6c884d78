/** A stand-in worker child for the supervisor tests: FAKE_CHILD=fail exits at once; otherwise ready until SIGTERM. */
if (process.env.FAKE_CHILD === 'fail') process.exit(1);
process.on('SIGTERM', () => process.exit(0));
process.send?.({ type: 'ready' });
setInterval(() => undefined, 1_000);
