// Every syscall module registers itself in the syscall table when imported.
import './fs';
import './task';
import './system';
import './landlock';
