// What every browser script shares: Debian's Chromium (or $CHROMIUM) with
// the flags of a quiet headless run, and `step`, which prints "ok - name"
// or "not ok - name" (the Rust side counts them) and stops at a failure.
export const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
export const args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

export async function step(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (error) {
    console.log(`not ok - ${name}`);
    console.error(error);
    process.exitCode = 1;
    throw error;
  }
}
