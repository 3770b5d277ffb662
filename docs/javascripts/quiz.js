// Predict-then-check questions. Rendered by sitekit/quiz.py; this file only reacts to clicks.
// Material's instant navigation swaps pages without reloading, so wire up on every document$.
(function () {
  "use strict";

  function updateScore(root) {
    var score = root.querySelector(".quiz-score");
    if (!score) return;
    var all = root.querySelectorAll(".quiz");
    var answered = root.querySelectorAll(".quiz[data-answered]");
    var right = root.querySelectorAll('.quiz[data-answered="right"]');
    score.textContent =
      "Answered " + answered.length + " of " + all.length + ": " + right.length + " right.";
  }

  function choose(quiz, button) {
    if (quiz.hasAttribute("data-answered")) return;
    var correct = button.getAttribute("data-correct") === "true";
    var buttons = quiz.querySelectorAll(".quiz__choice");
    var answer = "";
    buttons.forEach(function (b) {
      b.setAttribute("aria-disabled", "true");
      if (b.getAttribute("data-correct") === "true") {
        b.classList.add("quiz__choice--answer");
        answer = b.textContent;
      }
    });
    button.classList.add(correct ? "quiz__choice--right" : "quiz__choice--wrong");
    button.setAttribute("aria-pressed", "true");
    quiz.setAttribute("data-answered", correct ? "right" : "wrong");
    var verdict = quiz.querySelector(".quiz__verdict");
    verdict.textContent = correct
      ? "Right: " + answer + "."
      : "Not quite: you chose " + button.textContent + "; the answer is " + answer + ".";
    quiz.querySelector(".quiz__explanation").hidden = false;
    updateScore(document);
  }

  function wire() {
    document.querySelectorAll(".quiz").forEach(function (quiz) {
      if (quiz.hasAttribute("data-wired")) return;
      quiz.setAttribute("data-wired", "");
      quiz.querySelectorAll(".quiz__choice").forEach(function (button) {
        button.addEventListener("click", function () {
          choose(quiz, button);
        });
      });
    });
    updateScore(document);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(wire);
  } else {
    document.addEventListener("DOMContentLoaded", wire);
  }
})();
