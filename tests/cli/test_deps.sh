# scripts/deps.sh's choice of the lab's 6.12 kernel (no fixed package
# name: tests/lab/README.md), with apt-get, apt-cache, dpkg-query and sudo
# stood in for and /usr/src, /boot in a scratch DEPS_ROOT: nothing is
# installed while any 6.12.N has both headers and kernel; else the newest
# linux-image-6.12.N+deb12-amd64-unsigned and its headers, never an -rt or
# -cloud one; no 6.12 in the package lists fails with a message.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/bin
mkdir -p "$bin" "$tmp/root/usr/src" "$tmp/root/boot"
# every package of the fixed lists is installed
cat > "$bin/dpkg-query" <<'EOS'
#!/bin/sh
echo "install ok installed"
EOS
# apt-cache search --names-only RE: the names of $tmp/lists matching RE
cat > "$bin/apt-cache" <<EOS
#!/bin/sh
[ "\$1 \$2" = "search --names-only" ] || exit 100
grep -E "\$3" "$tmp/lists" | sed 's/\$/ - Linux/'
EOS
cat > "$bin/apt-get" <<EOS
#!/bin/sh
echo "apt-get \$*" >> "$tmp/apt.log"
EOS
printf '#!/bin/sh\nexec "$@"\n' > "$bin/sudo"
chmod +x "$bin"/*
cat > "$tmp/lists" <<'EOS'
linux-image-6.12.99+deb12-amd64-unsigned
linux-image-6.12.118+deb12-amd64-unsigned
linux-image-6.12.107+deb12-amd64-unsigned
linux-image-6.12.120+deb12-rt-amd64-unsigned
linux-image-6.12.121+deb12-cloud-amd64-unsigned
linux-image-6.12.122+deb12-amd64-dbg
linux-image-6.13.1+deb12-amd64-unsigned
EOS

deps() {
	: > "$tmp/apt.log"
	PATH=$bin:$PATH DEPS_ROOT=$tmp/root sh scripts/deps.sh "$@" \
		> "$tmp/out" 2>&1
}
r=$tmp/root

# headers without their kernel, a kernel without headers: neither will do
mkdir "$r/usr/src/linux-headers-6.12.111+deb12-amd64"
: > "$r/boot/vmlinuz-6.12.113+deb12-amd64"
deps lab
ok "lab: exits 0" test $? = 0
ok "lab: updates the package lists" grep -qx 'apt-get update -q' "$tmp/apt.log"
ok "lab: installs the newest 6.12 unsigned image and its headers" grep -qx \
	'apt-get install -y -q --no-install-recommends linux-image-6.12.118+deb12-amd64-unsigned linux-headers-6.12.118+deb12-amd64' \
	"$tmp/apt.log"
deps check
ok "check: the same 6.12 pair" grep -q \
	' linux-image-6.12.118+deb12-amd64-unsigned linux-headers-6.12.118+deb12-amd64$' \
	"$tmp/apt.log"
deps run
ok "run: no 6.12 (nothing missing, apt-get not run)" \
	test $? = 0 -a ! -s "$tmp/apt.log"

# a 6.12.N with both: nothing to install, signed or not
: > "$r/boot/vmlinuz-6.12.111+deb12-amd64"
deps lab
ok "lab with 6.12.111's headers and kernel: nothing installed" \
	test $? = 0 -a ! -s "$tmp/apt.log"

# no 6.12 in the package lists: a message, status 1, nothing installed
rm "$r/boot/vmlinuz-6.12.111+deb12-amd64"
grep -v '^linux-image-6\.12\.[0-9]*+deb12-amd64-unsigned$' "$tmp/lists" \
	> "$tmp/l2" && mv "$tmp/l2" "$tmp/lists"
deps lab
ok "lab without a 6.12 in the lists: status 1" test $? = 1
ok "lab without a 6.12 in the lists: says so" \
	grep -q 'no linux-image-6.12.\*+deb12-amd64-unsigned' "$tmp/out"
ok "lab without a 6.12 in the lists: installs nothing" \
	sh -c "! grep -q install '$tmp/apt.log'"
finish
