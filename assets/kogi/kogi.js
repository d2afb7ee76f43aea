// kogi theme script: enhancements only; every page works without it.
