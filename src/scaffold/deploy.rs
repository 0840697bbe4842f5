//! Publishing recipes `uprkit init` writes beside a new toolkit: a GitHub
//! Actions workflow for GitHub Pages, or a `.gitlab-ci.yml` for GitLab
//! Pages. Each installs the released uprkit binary of this version (building
//! it with cargo if the download fails), builds with the address the host
//! gives and `--pretty-urls`, and publishes `public/`.

use std::path::PathBuf;

/// Where a new toolkit will be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deploy {
    /// GitHub Pages, with a GitHub Actions workflow.
    Github,
    /// GitLab Pages, with a .gitlab-ci.yml.
    Gitlab,
    /// No recipe: publish `public/` as you like.
    None,
}

/// `owner/name` of uprkit's own repository, whose releases hold the binaries.
fn repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/")
}

/// The files of the recipe, relative to the toolkit.
pub fn recipe(deploy: Deploy) -> Vec<(PathBuf, Vec<u8>)> {
    let version = env!("CARGO_PKG_VERSION");
    let repository = repository();
    match deploy {
        Deploy::None => Vec::new(),
        Deploy::Github => vec![(
            PathBuf::from(".github/workflows/publish.yml"),
            GITHUB.replace("{version}", version).replace("{repository}", repository).into_bytes(),
        )],
        Deploy::Gitlab => vec![(
            PathBuf::from(".gitlab-ci.yml"),
            GITLAB.replace("{version}", version).replace("{repository}", repository).into_bytes(),
        )],
    }
}

const GITHUB: &str = r#"# Publishes the guide on GitHub Pages at every push to the default branch,
# written by `uprkit init`. Once, in the repository on GitHub: Settings >
# Pages > Build and deployment > Source: "GitHub Actions". The address is
# then https://OWNER.github.io/REPOSITORY/ (Settings > Pages shows it).
#
# Facilitator notes (> [!FACILITATOR]) never reach the published site, but
# they are in the sources this repository holds (content/ and po/). GitHub
# Pages on a free account needs a public repository, where anyone can read
# them. To keep them private: a private repository on a plan that allows
# Pages, GitLab Pages from a private project, or build on your own computer
# (uprkit build) and publish the public/ folder only.
name: Publish the guide

on:
  # Every push; the build below runs for the repository's default branch
  # only, whatever its name (`git init` makes `master` on many systems).
  push:
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The uprkit that builds the guide: its version, and where it is released.
  UPRKIT_VERSION: "{version}"
  UPRKIT_REPOSITORY: "{repository}"

jobs:
  build:
    if: github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Install uprkit
        run: |
          archive="uprkit-${UPRKIT_VERSION}-x86_64-unknown-linux-gnu.tar.gz"
          url="https://github.com/${UPRKIT_REPOSITORY}/releases/download/v${UPRKIT_VERSION}/${archive}"
          mkdir -p "$RUNNER_TEMP/uprkit"
          if curl -fsSL "$url" | tar -xz --strip-components=1 -C "$RUNNER_TEMP/uprkit"; then
            echo "$RUNNER_TEMP/uprkit" >> "$GITHUB_PATH"
          else
            echo "No released binary at $url: building uprkit with cargo instead."
            cargo install --locked --git "https://github.com/${UPRKIT_REPOSITORY}" --tag "v${UPRKIT_VERSION}" uprkit
          fi
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Build the guide
        run: uprkit build --base-url "${{ steps.pages.outputs.base_url }}" --pretty-urls
      - name: Upload the site
        uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Publish
        id: deployment
        uses: actions/deploy-pages@v4
"#;

const GITLAB: &str = r#"# Publishes the guide on GitLab Pages at every push to the default branch,
# written by `uprkit init`. The address is shown in the project on GitLab
# under Deploy > Pages once the first pipeline has passed.
#
# Facilitator notes (> [!FACILITATOR]) never reach the published site, but
# they are in the sources this project holds (content/ and po/): keep the
# project private (GitLab Pages works from a private project) if the guide
# has any.
variables:
  # The uprkit that builds the guide: its version, and where it is released.
  UPRKIT_VERSION: "{version}"
  UPRKIT_REPOSITORY: "{repository}"

pages:
  stage: deploy
  image: rust:1-bookworm
  script:
    - archive="uprkit-${UPRKIT_VERSION}-x86_64-unknown-linux-gnu.tar.gz"
    - url="https://github.com/${UPRKIT_REPOSITORY}/releases/download/v${UPRKIT_VERSION}/${archive}"
    - mkdir -p /tmp/uprkit && export PATH="/tmp/uprkit:$PATH"
    - curl -fsSL "$url" | tar -xz --strip-components=1 -C /tmp/uprkit || cargo install --locked --git "https://github.com/${UPRKIT_REPOSITORY}" --tag "v${UPRKIT_VERSION}" uprkit
    - uprkit build --base-url "${CI_PAGES_URL}" --pretty-urls
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"#;
