/**
 * Puppeteer must not download its own browser (no network here): reports use Debian's chromium.
 * Override with PUPPETEER_EXECUTABLE_PATH.
 */
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
