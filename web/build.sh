#!/usr/bin/env bash
# Builds the static page into DIR: bash web/build.sh DIR
#
# The library is compiled to WebAssembly through the bindings crate in web/wasm/ (a workspace
# member outside the default ones), wasm-bindgen writes the JavaScript glue, and the page's
# HTML, CSS and script are copied beside them. DIR can then be served by any static host.
set -euo pipefail

out=${1:?usage: bash web/build.sh DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
target_dir="$root/target"

if command -v rustup >/dev/null 2>&1 \
  && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be the very version of the wasm-bindgen crate the module is built with.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
  "$root/Cargo.lock")
[ -n "$version" ] || { echo "web/build.sh: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$version" ]; then
  # Without --locked: the tool's own lock file names versions a registry mirror may lack.
  # A debug build of the tool compiles in a third of the time and still binds the module in
  # about two seconds.
  echo "web/build.sh: installing wasm-bindgen-cli $version (a few minutes, once)" >&2
  cargo install wasm-bindgen-cli --debug --version "$version"
fi

# The workspace's .cargo/config.toml sets the module's stack size; the `wasm` profile makes it
# small and aborts on a panic. Two modules: the page's core (web/wasm, loaded at once) and the
# colour conversion (web/color, loaded when first used).
(cd "$root" && cargo build -p podcover-web -p podcover-web-color --profile wasm \
  --target wasm32-unknown-unknown)

# bind CRATE NAME GLUE: the module of CRATE as NAME.js and NAME_bg.wasm in $out, its glue a
# function GLUE whose each call starts a new instance, and NAME-wasm.js with its bytes.
bind() {
  local module="$target_dir/wasm32-unknown-unknown/wasm/$1.wasm" name=$2 glue=$3
  # Binaryen's optimiser, where installed (Debian: binaryen), makes the module about a tenth
  # smaller; without it the page works the same. It runs before wasm-bindgen: the Debian
  # release (108) mistypes wasm-bindgen's table of JavaScript references when run after it.
  if command -v wasm-opt >/dev/null 2>&1; then
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
      --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
      "$module" -o "$target_dir/$1.opt.wasm"
    module="$target_dir/$1.opt.wasm"
  else
    echo "web/build.sh: wasm-opt not found; the module is left as built" >&2
  fi

  wasm-bindgen --target no-modules --no-typescript --out-dir "$out" --out-name "$name" "$module"

  # wasm-bindgen's glue starts one instance of the module. Wrapped in a function, each call
  # gives glue for a new instance, so that the page can start the module again after a trap
  # (a panic aborts it).
  {
    printf 'self.%s = function () {\n' "$glue"
    cat "$out/$name.js"
    printf '\nreturn wasm_bindgen;\n};\n'
  } >"$out/$name.js.tmp"
  mv "$out/$name.js.tmp" "$out/$name.js"

  # Opened from a local folder (file://), a browser will not fetch the .wasm: the page then
  # loads the same bytes from this script instead.
  {
    printf 'self.%s_WASM = "' "$(echo "$name" | tr '[:lower:]' '[:upper:]')"
    base64 -w0 "$out/${name}_bg.wasm"
    printf '";\n'
  } >"$out/$name-wasm.js"
}

bind podcover_web podcover podcoverGlue
bind podcover_web_color podcover_color podcoverColorGlue

cp "$root/web/site/index.html" "$root/web/site/app.js" "$root/web/site/style.css" "$out/"
echo "web/build.sh: wrote $out ($(wc -c <"$out/podcover_bg.wasm") bytes of WebAssembly, \
$(wc -c <"$out/podcover_color_bg.wasm") more for colour conversion)"
