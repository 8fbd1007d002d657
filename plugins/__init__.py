"""Arshif's pipeline, one package per stage: readers -> clean -> dates -> entities -> events
-> pages -> search. ``arabic`` holds the Arabic text helpers every stage shares."""
