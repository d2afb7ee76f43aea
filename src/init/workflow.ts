/**
 * The GitHub Pages workflow `kogi init` writes: install, build with the repository's Pages
 * address, deploy. It is kogi's own deploy workflow without kogi's own tests.
 */

/** Where the workflow goes in the repository. */
export const WORKFLOW_FILE = '.github/workflows/pages.yml'

/** The workflow's text. */
export const WORKFLOW = `# Build the course site with kogi and deploy it to GitHub Pages on every push to main.
# One-time setting: Settings → Pages → Build and deployment → Source: GitHub Actions.
name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read

# One deployment at a time; a deployment in progress is never cut off.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      contents: read
      pages: read
    steps:
      - name: Check out
        uses: actions/checkout@v6
        with:
          persist-credentials: false

      - name: Set up Node.js 20
        uses: actions/setup-node@v6
        with:
          node-version: 20
          cache: npm

      - name: Install kogi
        run: npm ci --no-audit --no-fund

      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v6

      # Pages rendered by earlier runs: an unchanged lecture is not rendered again.
      - name: Restore the page cache
        uses: actions/cache@v5
        with:
          path: .cache/kogi
          key: kogi-\${{ github.sha }}
          restore-keys: kogi-

      # A lecture with an error keeps its last good page and fails the run, at its line;
      # every other lecture is still deployed. --format github annotates errors first and writes
      # every problem, grouped by lecture, to the job summary.
      - name: Build the site
        run: npm run build -- --format github --base "\${{ steps.pages.outputs.base_path }}/" --url "\${{ steps.pages.outputs.origin }}"

      - name: Upload the site
        if: \${{ !cancelled() && hashFiles('_site/index.html') != '' }}
        uses: actions/upload-pages-artifact@v5
        with:
          path: _site

  deploy:
    needs: build
    if: \${{ !cancelled() }}
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy
        id: deployment
        uses: actions/deploy-pages@v5
`
