#!/bin/bash
# usage: mkproj.sh lib|app name
set -e
kind=$1; name=$2
if [ "$kind" = lib ]; then dir=libs/$name; tags="\"type:lib\", \"scope:shared\""; else dir=apps/$name; tags="\"type:app\", \"scope:$name\""; fi
mkdir -p $dir/src
cat > $dir/tsconfig.json <<J
{
  "extends": "../../tsconfig.base.json",
  "files": [],
  "references": [{ "path": "./tsconfig.${kind}.json" }, { "path": "./tsconfig.spec.json" }]
}
J
cat > $dir/tsconfig.spec.json <<J
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "outDir": "../../dist/out-tsc", "types": ["jest", "node"], "isolatedModules": true },
  "include": ["src/**/*.ts", "test/**/*.ts", "jest.config.ts"]
}
J
cat > $dir/jest.config.ts <<J
export default {
  displayName: '$name',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
J
if [ "$kind" = lib ]; then
cat > $dir/tsconfig.lib.json <<J
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "outDir": "../../dist/out-tsc", "rootDir": "../..", "types": ["node"], "noEmit": true },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts"]
}
J
cat > $dir/project.json <<J
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": [$tags],
  "targets": {
    "typecheck": { "executor": "nx:run-commands", "options": { "command": "tsc -p $dir/tsconfig.lib.json --noEmit" } },
    "lint": { "executor": "nx:run-commands", "options": { "command": "eslint $dir" } },
    "test": { "executor": "nx:run-commands", "options": { "command": "jest -c $dir/jest.config.ts --runInBand" } }
  }
}
J
[ -f $dir/src/index.ts ] || echo "export {};" > $dir/src/index.ts
else
cat > $dir/tsconfig.app.json <<J
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "outDir": "../../dist/apps/$name", "rootDir": "../..", "types": ["node"] },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts"]
}
J
cat > $dir/project.json <<J
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "application",
  "tags": [$tags],
  "targets": {
    "build": {
      "executor": "nx:run-commands",
      "outputs": ["{workspaceRoot}/dist/apps/$name"],
      "options": { "command": "tsc -p $dir/tsconfig.app.json && tsc-alias -p $dir/tsconfig.app.json" }
    },
    "serve": { "executor": "nx:run-commands", "options": { "command": "node dist/apps/$name/$dir/src/main.js" }, "dependsOn": ["build"] },
    "lint": { "executor": "nx:run-commands", "options": { "command": "eslint $dir" } },
    "test": { "executor": "nx:run-commands", "options": { "command": "jest -c $dir/jest.config.ts --runInBand" } }
  }
}
J
[ -f $dir/src/main.ts ] || echo "export {};" > $dir/src/main.ts
fi
