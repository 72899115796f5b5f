// compose-check loads a compose file the way Docker Compose does, with the loader Docker Compose
// itself uses (compose-go): the environment and the project's .env for interpolation (so a
// `${VAR:?message}` whose variable is unset is refused), schema validation, normalisation, and the
// consistency checks (depends_on, volumes, configs, secrets and networks that exist, replicas with
// a fixed container_name, dependency cycles), then unique container names. No Docker engine needed.
//
//	compose-check [-json] FILE...
//
// Prints the resolved service names (or, with -json, the resolved project) and exits 0; on any
// error prints it and exits 1. COMPOSE_DISABLE_ENV_FILE=1 ignores .env, as Docker Compose does.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

func main() {
	asJSON := flag.Bool("json", false, "print the resolved project as JSON instead of the service names")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: %s [-json] FILE...\n", filepath.Base(os.Args[0]))
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}

	project, err := load(context.Background(), flag.Args())
	if err != nil {
		fmt.Fprintf(os.Stderr, "compose-check: %v\n", err)
		os.Exit(1)
	}

	if *asJSON {
		out, err := project.MarshalJSON()
		if err != nil {
			fmt.Fprintf(os.Stderr, "compose-check: %v\n", err)
			os.Exit(1)
		}
		fmt.Println(string(out))
		return
	}
	names := project.ServiceNames()
	sort.Strings(names)
	for _, name := range names {
		fmt.Println(name)
	}
}

func load(ctx context.Context, files []string) (*types.Project, error) {
	options, err := cli.NewProjectOptions(files,
		// The first file's directory is the project directory (its .env), as with `docker compose -f`.
		cli.WithOsEnv,
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(),
		cli.WithResolvedPaths(true),
		// Every step Docker Compose runs; these are the defaults, spelled out so none is skipped.
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
	)
	if err != nil {
		return nil, err
	}
	project, err := options.LoadProject(ctx)
	if err != nil {
		return nil, err
	}
	if err := project.CheckContainerNameUnicity(); err != nil {
		return nil, err
	}
	return project, nil
}
