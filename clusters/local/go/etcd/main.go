// Command etcd runs the upstream etcd server (go.etcd.io/etcd/server/v3),
// built from the Go module proxy at the version pinned in go.mod.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
