/* A bytecode interpreter: a stack machine with eight registers, dispatched by
 * one `switch` in a loop (a br_table in wasm). The program, assembled at run
 * time, walks the Collatz sequence of every start value below n and folds
 * the step counts into a hash. Built at -O2 (vm) and -O0 (vm_O0). */
#include "rt.h"

enum { HALT, PUSH, LOAD, STORE, ADD, SUB, MUL, AND, XOR, SHR, EQ, LT, JMP, JZ, JNZ, DUP, POP };

static i32 code[256];
static int pc_emit;
static void emit(i32 op) { code[pc_emit++] = op; }
static void emit2(i32 op, i32 arg) { code[pc_emit++] = op; code[pc_emit++] = arg; }
static int here(void) { return pc_emit; }
static void patch(int at, int target) { code[at + 1] = target; }

static u32 execute(const i32 *prog, u32 *regs) {
    u32 stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        i32 op = prog[pc++];
        switch (op) {
        case HALT: return sp > 0 ? stack[sp - 1] : 0;
        case PUSH: stack[sp++] = (u32)prog[pc++]; break;
        case LOAD: stack[sp++] = regs[prog[pc++]]; break;
        case STORE: regs[prog[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] >>= (stack[sp] & 31); break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JMP: pc = prog[pc]; break;
        case JZ: pc = stack[--sp] == 0 ? prog[pc] : pc + 1; break;
        case JNZ: pc = stack[--sp] != 0 ? prog[pc] : pc + 1; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        default: return 0xffffffffu;
        }
    }
}

EXPORT("run") u32 run(int n) {
    /* r0 = i, r1 = steps, r2 = limit, r3 = x, r4 = hash */
    pc_emit = 0;
    emit2(PUSH, 1); emit2(STORE, 0);
    int loop_i = here();
    emit2(LOAD, 0); emit2(STORE, 3);
    emit2(PUSH, 0); emit2(STORE, 1);
    int loop_x = here();
    emit2(LOAD, 3); emit2(PUSH, 1); emit(EQ);
    int to_end = here(); emit2(JNZ, 0);
    emit2(LOAD, 3); emit2(PUSH, 1); emit(AND);
    int to_even = here(); emit2(JZ, 0);
    emit2(LOAD, 3); emit2(PUSH, 3); emit(MUL); emit2(PUSH, 1); emit(ADD); emit2(STORE, 3);
    int to_step = here(); emit2(JMP, 0);
    patch(to_even, here());
    emit2(LOAD, 3); emit2(PUSH, 1); emit(SHR); emit2(STORE, 3);
    patch(to_step, here());
    emit2(LOAD, 1); emit2(PUSH, 1); emit(ADD); emit2(STORE, 1);
    emit2(JMP, loop_x);
    patch(to_end, here());
    emit2(LOAD, 4); emit2(PUSH, 31); emit(MUL); emit2(LOAD, 1); emit(XOR); emit2(STORE, 4);
    emit2(LOAD, 0); emit2(PUSH, 1); emit(ADD); emit(DUP); emit2(STORE, 0);
    emit2(LOAD, 2); emit(LT); emit2(JNZ, loop_i);
    emit2(LOAD, 4); emit(DUP); emit(POP); emit(HALT);

    u32 regs[8] = {0};
    regs[2] = (u32)(n < 2 ? 2 : n > 100000 ? 100000 : n);   /* Collatz values stay below 2^32 */
    regs[4] = 7;
    return execute(code, regs);
}
