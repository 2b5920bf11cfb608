// How the e2e suite (playwright.config.ts) and the benchmarks start Debian's Chromium: no download, no background
// traffic. CHROMIUM_PATH points elsewhere when Chromium lives elsewhere.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
