from clausewise.cli import main

main()
