#!/usr/bin/env node
// Parse a GraphML file with graphology-graphml (the loader of Gephi Lite) and print what it read as JSON:
//   node graphml_check.js FILE
// Output: {"type", "multi", "order", "size", "nodes": {id: attributes}, "edges": [{key, source, target, attributes}]}
// Exits 2 on usage errors and 1 when the file cannot be parsed.
"use strict";

const fs = require("fs");
const Graph = require("graphology");
const graphml = require("graphology-graphml");

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node graphml_check.js FILE.graphml\n");
    return 2;
  }
  let graph;
  try {
    graph = graphml.parse(Graph, fs.readFileSync(argv[0], "utf8"));
  } catch (err) {
    process.stderr.write(`graphml_check: cannot parse ${argv[0]}: ${err && err.message}\n`);
    return 1;
  }
  const nodes = {};
  graph.forEachNode((node, attributes) => {
    nodes[node] = attributes;
  });
  const edges = [];
  graph.forEachEdge((key, attributes, source, target) => {
    edges.push({ key, source, target, attributes });
  });
  const out = { type: graph.type, multi: graph.multi, order: graph.order, size: graph.size, nodes, edges };
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
