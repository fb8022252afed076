"""The link checker (DESIGN.md step 7). Only ``checker`` imports httpx and touches the network; the
rest (collecting links, options, results) is light enough for the rules to use."""
