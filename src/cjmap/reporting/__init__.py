"""Reporters of cjmap's commands, one package per command."""
